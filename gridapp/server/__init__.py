"""Running the county server: setting a PostgreSQL database up (``gridapp server init``), bringing an embedded
database over to it, and telling an office worker in plain words why a server cannot be reached."""
