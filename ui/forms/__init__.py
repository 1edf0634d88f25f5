"""Forms that edit one record (household page, person, house, place)."""
