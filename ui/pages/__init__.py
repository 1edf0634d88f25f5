"""The program's areas, one page each; the main window's navigation lists them."""
