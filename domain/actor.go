package domain

// Actor is who does something: a signed-in user, or the system (zero value)
// for the command line and start-up tasks.
type Actor struct {
	UserID       string
	Role         Role
	DelegationID string
}

// IsAdmin reports whether the actor is an admin.
func (a Actor) IsAdmin() bool { return a.Role == RoleAdmin }

// IsOrganiser reports whether the actor may manage all summit data (organisers and admins).
func (a Actor) IsOrganiser() bool { return a.Role == RoleOrganiser || a.Role == RoleAdmin }

// IsSystem reports whether the actor is the system itself (the command line, start-up tasks).
func (a Actor) IsSystem() bool { return a.UserID == "" && a.Role == "" }

// IsGate reports whether the actor checks badges at a door and may do nothing else.
func (a Actor) IsGate() bool { return a.Role == RoleGate }
