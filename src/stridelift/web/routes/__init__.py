"""The app's routes, one module per page or API family."""
