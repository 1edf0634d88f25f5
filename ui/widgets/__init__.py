"""Small reusable widgets: flexible date entry, code-table combo boxes, the scope tree."""
