"""The dashboard's services: what a signed-in user should look at first, cheaply."""
