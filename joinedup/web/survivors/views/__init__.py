"""The survivors app's pages: `public` (the survivor's form, no sign-in) and `staff`."""
