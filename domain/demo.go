package domain

import (
	"cmp"
	"context"
	"fmt"
)

// DemoSet is a whole summit's data described by names and codes rather than
// ids, so that it can be written by hand and loaded into any database.
type DemoSet struct {
	Summit      Summit
	Delegations []DemoDelegation
	Venues      []DemoVenue
	Meetings    []DemoMeeting
	Requests    []DemoRequest
	Users       []DemoUser
	// Vehicles of the motor pool, and the motorcades: delegation code → plates.
	Vehicles   []Vehicle
	Motorcades map[string][]string
}

// DemoDelegation is a delegation with its members; the first member is its
// head. Its Hotel, when it names a demo venue of kind hotel, is its hotel venue too.
type DemoDelegation struct {
	Delegation
	Members []Member
}

// DemoVenue is a venue with travel minutes to other venues by name, and its rooms.
type DemoVenue struct {
	Name    string
	Address string
	Kind    string // venue (""), hotel or airport
	Names   Names
	Travel  map[string]int // venue name → minutes
	Rooms   []Room
}

// DemoMeeting is a meeting whose room is "Venue / Room" and whose participants
// are delegation codes (each standing for its head).
type DemoMeeting struct {
	Meeting
	Room         string
	Participants []string
}

// DemoRequest is a bilateral request between two delegation codes.
type DemoRequest struct {
	From, To        string
	DurationMinutes int
	Priority        int
	Status          RequestStatus
	Note            string
}

// DemoUser is a demo account; Delegation is a code for delegates.
type DemoUser struct {
	Email, Name string
	Role        Role
	Delegation  string // a delegation's code, for delegates
	Password    string
}

// DemoRepos are what loading the demo writes: a little of everything.
type DemoRepos interface {
	SummitRepo
	DelegationRepo
	VenueRepo
	RequestRepo
	UserRepo
	ProblemRepos
	CreateVehicle(ctx context.Context, v *Vehicle) error
	SetMotorcade(ctx context.Context, delegationID string, vehicleIDs []string) error
	// HasSummitData reports whether any delegation, venue or meeting exists.
	HasSummitData(ctx context.Context) (bool, error)
}

// DemoStore is what the demo is loaded into.
type DemoStore interface {
	DemoRepos
	Transactor[DemoRepos]
}

// Seeder loads a demo summit.
type Seeder struct {
	Store  DemoStore
	Hasher PasswordHasher
	Clock  Clock
}

// Seed loads set into an empty summit in one transaction. It refuses with
// ECONFLICT when the database already holds delegations, venues or meetings.
func (s Seeder) Seed(ctx context.Context, set DemoSet) error {
	return s.Store.WithTx(ctx, func(tx DemoRepos) error {
		has, err := tx.HasSummitData(ctx)
		if err != nil {
			return err
		}
		if has {
			return Errorf(ECONFLICT, "The database already holds summit data; the demo is loaded only into an empty summit.")
		}
		summit := set.Summit
		if old, err := tx.Summit(ctx); err == nil {
			summit.Version = old.Version
		}
		if err := tx.PutSummit(ctx, &summit); err != nil {
			return fmt.Errorf("summit: %w", err)
		}
		rooms, venues, err := seedVenues(ctx, tx, set.Venues)
		if err != nil {
			return err
		}
		delegations, err := seedDelegations(ctx, tx, set.Delegations, venues)
		if err != nil {
			return err
		}
		if err := seedTransport(ctx, tx, set, delegations); err != nil {
			return err
		}
		if err := seedMeetings(ctx, tx, set.Meetings, delegations, rooms); err != nil {
			return err
		}
		if err := seedRequests(ctx, tx, set.Requests, delegations); err != nil {
			return err
		}
		if err := s.seedUsers(ctx, tx, set.Users, delegations); err != nil {
			return err
		}
		if err := s.Clock.audit(ctx, tx, Actor{}, "seed", "summit", "summit", nil,
			map[string]int{"delegations": len(set.Delegations), "venues": len(set.Venues),
				"meetings": len(set.Meetings), "requests": len(set.Requests)}); err != nil {
			return err
		}
		return s.Clock.rebuild(ctx, tx)
	})
}

// seedDelegations creates the delegations with their members (the first
// heads it), each at the hotel venue its Hotel names; their ids by code.
func seedDelegations(ctx context.Context, tx DemoRepos, set []DemoDelegation, venues map[string]Venue) (map[string]string, error) {
	ids := map[string]string{}
	for _, d := range set {
		del := d.Delegation
		if v, ok := venues[del.Hotel]; ok && v.Kind == "hotel" {
			del.HotelVenueID = v.ID
		}
		if err := tx.CreateDelegation(ctx, &del); err != nil {
			return nil, fmt.Errorf("delegation %s: %w", d.Code, err)
		}
		ids[del.Code] = del.ID
		for i, m := range d.Members {
			m.DelegationID, m.IsHead = del.ID, i == 0
			if err := tx.CreateMember(ctx, &m); err != nil {
				return nil, fmt.Errorf("member %s of %s: %w", m.FullName, d.Code, err)
			}
		}
	}
	return ids, nil
}

// seedVenues creates the venues, their rooms and travel times; the rooms'
// ids by "Venue / Room", and the venues by name.
func seedVenues(ctx context.Context, tx DemoRepos, set []DemoVenue) (map[string]string, map[string]Venue, error) {
	venues, rooms, made := map[string]string{}, map[string]string{}, map[string]Venue{} // name → id
	for _, v := range set {
		venues[v.Name] = NewID()
	}
	for _, v := range set {
		venue := Venue{ID: venues[v.Name], Name: v.Name, Address: v.Address, Kind: cmp.Or(v.Kind, VenueKinds[0]), Names: v.Names}
		if err := tx.CreateVenue(ctx, &venue); err != nil {
			return nil, nil, fmt.Errorf("venue %s: %w", v.Name, err)
		}
		made[v.Name] = venue
		for _, r := range v.Rooms {
			r.VenueID = venue.ID
			if err := tx.CreateRoom(ctx, &r); err != nil {
				return nil, nil, fmt.Errorf("room %s / %s: %w", v.Name, r.Name, err)
			}
			rooms[v.Name+" / "+r.Name] = r.ID
		}
	}
	for _, v := range set {
		travel := map[string]int{}
		for other, minutes := range v.Travel {
			id, ok := venues[other]
			if !ok {
				return nil, nil, fmt.Errorf("venue %s: travel to unknown venue %s", v.Name, other)
			}
			travel[id] = minutes
		}
		if err := tx.SetVenueTravel(ctx, venues[v.Name], travel); err != nil {
			return nil, nil, fmt.Errorf("venue %s: %w", v.Name, err)
		}
	}
	return rooms, made, nil
}

// seedTransport creates the vehicles and gives the delegations their motorcades.
func seedTransport(ctx context.Context, tx DemoRepos, set DemoSet, delegations map[string]string) error {
	byPlate := map[string]string{}
	for _, v := range set.Vehicles {
		if err := tx.CreateVehicle(ctx, &v); err != nil {
			return fmt.Errorf("vehicle %s: %w", v.Plate, err)
		}
		byPlate[v.Plate] = v.ID
	}
	for code, plates := range set.Motorcades {
		var ids []string
		for _, p := range plates {
			id, ok := byPlate[p]
			if !ok {
				return fmt.Errorf("motorcade of %s: unknown vehicle %s", code, p)
			}
			ids = append(ids, id)
		}
		if err := tx.SetMotorcade(ctx, delegations[code], uniqueSorted(ids)); err != nil {
			return fmt.Errorf("motorcade of %s: %w", code, err)
		}
	}
	return nil
}

// seedMeetings creates the programme's meetings, each holding its
// participants' heads.
func seedMeetings(ctx context.Context, tx DemoRepos, set []DemoMeeting, delegations, rooms map[string]string) error {
	for _, dm := range set {
		m := dm.Meeting
		if m.RoomID = rooms[dm.Room]; m.RoomID == "" && dm.Room != "" {
			return fmt.Errorf("meeting %s: unknown room %s", m.Title, dm.Room)
		}
		for _, code := range dm.Participants {
			id, ok := delegations[code]
			if !ok {
				return fmt.Errorf("meeting %s: unknown delegation %s", m.Title, code)
			}
			m.Participants = append(m.Participants, Participant{DelegationID: id})
		}
		attendees, _, err := resolveAttendees(ctx, tx, m.Participants)
		if err != nil {
			return fmt.Errorf("meeting %s: %w", m.Title, err)
		}
		if err := tx.CreateMeeting(ctx, &m, attendees); err != nil {
			return fmt.Errorf("meeting %s: %w", m.Title, err)
		}
	}
	return nil
}

// seedRequests files the bilateral requests between delegation codes.
func seedRequests(ctx context.Context, tx DemoRepos, set []DemoRequest, delegations map[string]string) error {
	for _, r := range set {
		req := BilateralRequest{FromDelegationID: delegations[r.From], ToDelegationID: delegations[r.To],
			DurationMinutes: r.DurationMinutes, Priority: r.Priority, Status: r.Status, Note: r.Note}
		if req.FromDelegationID == "" || req.ToDelegationID == "" {
			return fmt.Errorf("request %s→%s: unknown delegation", r.From, r.To)
		}
		if err := tx.CreateRequest(ctx, &req); err != nil {
			return fmt.Errorf("request %s→%s: %w", r.From, r.To, err)
		}
	}
	return nil
}

// seedUsers creates the demo accounts; an existing account is left as it is.
func (s Seeder) seedUsers(ctx context.Context, tx DemoRepos, set []DemoUser, delegations map[string]string) error {
	for _, du := range set {
		if _, err := tx.UserByEmail(ctx, du.Email); err == nil {
			continue
		}
		hash, err := s.Hasher.Hash(du.Password)
		if err != nil {
			return err
		}
		u := User{Email: du.Email, Name: du.Name, Role: du.Role, PasswordHash: hash}
		if du.Delegation != "" {
			u.DelegationID = delegations[du.Delegation]
		}
		if err := tx.CreateUser(ctx, &u); err != nil {
			return fmt.Errorf("user %s: %w", du.Email, err)
		}
	}
	return nil
}
