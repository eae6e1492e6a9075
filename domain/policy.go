package domain

// Policy: who may do what. Role checks say 403; an object the caller may not
// see says 404, exactly as if it did not exist (CONTRACT section 3).

// errForbidden is the answer to a signed-in caller whose role may not do something.
func errForbidden(what string) error {
	return Errorf(EFORBIDDEN, "Your role may not %s.", what)
}

// CanManageUsers allows admins (and the system) to list, create, change and delete users.
func CanManageUsers(a Actor) error {
	if a.IsAdmin() || a.IsSystem() {
		return nil
	}
	return errForbidden("manage users")
}

// CanReadAudit allows admins and organisers to read the audit trail.
func CanReadAudit(a Actor) error {
	if a.IsOrganiser() {
		return nil
	}
	return errForbidden("read the audit trail")
}

// CanPlan allows organisers and admins to book and change meetings and the
// summit's data.
func CanPlan(a Actor) error {
	if a.IsOrganiser() || a.IsSystem() {
		return nil
	}
	return errForbidden("change the programme")
}

// ViewerOf returns what an actor's lists are limited to.
func ViewerOf(a Actor) *Viewer {
	return &Viewer{Organiser: a.IsOrganiser() || a.IsSystem(), DelegationID: a.DelegationID}
}

// CanSeeMeeting reports whether the actor may see m (CONTRACT section 3):
// organisers see all; others never drafts; public meetings are for every
// signed-in user; participants-only meetings for the participating
// delegations' delegates.
func CanSeeMeeting(a Actor, m *Meeting) bool {
	if a.IsOrganiser() || a.IsSystem() {
		return true
	}
	if m.Status == MeetingDraft {
		return false
	}
	switch m.Visibility {
	case "public":
		return true
	case "participants":
		for _, p := range m.Participants {
			if p.DelegationID == a.DelegationID && a.DelegationID != "" {
				return true
			}
		}
	}
	return false
}

// CanSeeMembers reports whether the actor may see (and manage) a delegation's
// members, arrival and departure: organisers, and that delegation's delegates.
func CanSeeMembers(a Actor, delegationID string) bool {
	return a.IsOrganiser() || a.IsSystem() || (a.DelegationID != "" && a.DelegationID == delegationID)
}
