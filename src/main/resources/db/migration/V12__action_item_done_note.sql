-- what the owner says was done when closing an action item as done (optional; a dropped item has its drop_reason)
ALTER TABLE rebound_action_item ADD COLUMN done_note VARCHAR(1000);
