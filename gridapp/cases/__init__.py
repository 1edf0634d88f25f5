"""The case log (事件) and visits (走访) without the database: the eight-step workflow, its rules as data,
deadlines, numbering, the privacy check of public summaries, due-visit rules and the attachment store."""
