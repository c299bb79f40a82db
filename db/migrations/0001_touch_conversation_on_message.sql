-- A new message marks its conversation as updated, in the same statement that stores it.
CREATE TRIGGER IF NOT EXISTS messages_touch_conversation AFTER INSERT ON messages
BEGIN
  UPDATE conversations SET updated_at = NEW.created_at WHERE id = NEW.conversation_id;
END;
