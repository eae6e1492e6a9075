-- A meeting may hold the bilateral request it was booked for (CONTRACT
-- section 10): meetings.request_id, at most one meeting per request. The
-- domain keeps it and bilateral_requests.meeting_id in step inside every
-- booking transaction (domain/booking.go: checkLink, relink); a request
-- that goes away with its delegation leaves its meeting holding none.
ALTER TABLE meetings ADD COLUMN request_id TEXT REFERENCES bilateral_requests(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX meetings_request ON meetings (request_id) WHERE request_id IS NOT NULL;
-- The meetings of requests scheduled so far (by applying a proposal). A
-- cancelled meeting holds no request.
UPDATE meetings SET request_id = (SELECT r.id FROM bilateral_requests r
	WHERE r.meeting_id = meetings.id AND r.status = 'scheduled')
	WHERE status <> 'cancelled'
	AND id IN (SELECT meeting_id FROM bilateral_requests WHERE status = 'scheduled' AND meeting_id IS NOT NULL);
-- Requests scheduled with a meeting since cancelled or deleted are accepted
-- again, as cancelling or deleting their meeting now makes them.
UPDATE bilateral_requests SET status = 'accepted', meeting_id = NULL, version = version + 1
	WHERE status = 'scheduled' AND (meeting_id IS NULL OR meeting_id IN (SELECT id FROM meetings WHERE status = 'cancelled'));
