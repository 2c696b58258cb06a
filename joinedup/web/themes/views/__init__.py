"""Pages under /inquiry/themes/ (URL namespace "themes"); every one needs `inquiry_work`."""
