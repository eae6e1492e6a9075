package api

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/export"
	"summit/pdf"
)

// Ground transport (CONTRACT section 14): vehicles, motorcades, the
// movements derived from the programme, and the transport desk's day sheet
// as PDF and CSV.

type vehicleResponse struct {
	ID          string    `json:"id"`
	Plate       string    `json:"plate"`
	Kind        string    `json:"kind"`
	Seats       int       `json:"seats"`
	DriverName  string    `json:"driver_name"`
	DriverPhone string    `json:"driver_phone"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func toVehicleResponse(v *domain.Vehicle) vehicleResponse {
	return vehicleResponse{ID: v.ID, Plate: v.Plate, Kind: v.Kind, Seats: v.Seats, DriverName: v.DriverName, DriverPhone: v.DriverPhone,
		Version: v.Version, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
}

type vehicleRequest struct {
	Plate       optional[string] `json:"plate"`
	Kind        optional[string] `json:"kind"`
	Seats       optional[int]    `json:"seats"`
	DriverName  optional[string] `json:"driver_name"`
	DriverPhone optional[string] `json:"driver_phone"`
}

func (r vehicleRequest) patch() domain.VehiclePatch {
	return domain.VehiclePatch{Plate: r.Plate.orZero(), Kind: r.Kind.orZero(), Seats: r.Seats.orZero(),
		DriverName: r.DriverName.orZero(), DriverPhone: r.DriverPhone.orZero()}
}

type motorcadeBody struct {
	DelegationID string   `json:"delegation_id"`
	VehicleIDs   []string `json:"vehicle_ids"`
	// Vehicles, with their drivers, on GET of one delegation's motorcade.
	Vehicles []vehicleResponse `json:"vehicles,omitempty"`
}

type movementResponse struct {
	ID           string    `json:"id"`
	DelegationID string    `json:"delegation_id"`
	Date         string    `json:"date"`
	FromVenueID  string    `json:"from_venue_id"`
	ToVenueID    string    `json:"to_venue_id"`
	DepartAt     time.Time `json:"depart_at"`
	ArriveAt     time.Time `json:"arrive_at"`
	MeetingID    string    `json:"meeting_id"`
	Return       bool      `json:"return"`
	VehicleIDs   []string  `json:"vehicle_ids"`
}

func toMovementResponse(m *domain.Movement) movementResponse {
	return movementResponse{ID: m.UID(), DelegationID: m.DelegationID, Date: m.Date, FromVenueID: m.FromVenueID, ToVenueID: m.ToVenueID,
		DepartAt: m.DepartAt.UTC(), ArriveAt: m.ArriveAt.UTC(), MeetingID: m.MeetingID, Return: m.Return, VehicleIDs: nonNil(m.VehicleIDs)}
}

func (r vehicleResponse) key() (string, int) { return r.ID, r.Version }

func (s *Server) listVehicles(c echo.Context) error {
	vs, err := s.svc.Transport.Vehicles(c.Request().Context(), actorOf(c))
	return listed(c, vs, err, toVehicleResponse)
}

func (s *Server) getVehicle(c echo.Context) error {
	v, err := s.svc.Transport.Vehicle(c.Request().Context(), actorOf(c), c.Param("id"))
	return answered(c, v, err, toVehicleResponse)
}

// saveVehicle creates (POST, no id) or changes (PATCH) a vehicle.
func (s *Server) saveVehicle(c echo.Context) error {
	return saved[vehicleRequest](c, toVehicleResponse, s.svc.Transport.SaveVehicle)
}

func (s *Server) deleteVehicle(c echo.Context) error {
	return deleted(c, s.svc.Transport.DeleteVehicle)
}

func (s *Server) listMotorcades(c echo.Context) error {
	all, err := s.svc.Transport.Motorcades(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	out := list[motorcadeBody]{Items: []motorcadeBody{}}
	for id, vs := range all {
		out.Items = append(out.Items, motorcadeBody{DelegationID: id, VehicleIDs: nonNil(vs)})
	}
	slices.SortFunc(out.Items, func(a, b motorcadeBody) int { return strings.Compare(a.DelegationID, b.DelegationID) })
	return c.JSON(http.StatusOK, out)
}

func (s *Server) getMotorcade(c echo.Context) error {
	m, err := s.svc.Transport.Motorcade(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := motorcadeBody{DelegationID: m.DelegationID, VehicleIDs: nonNil(m.VehicleIDs), Vehicles: []vehicleResponse{}}
	for i := range m.Vehicles {
		out.Vehicles = append(out.Vehicles, toVehicleResponse(&m.Vehicles[i]))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) putMotorcade(c echo.Context) error {
	var req struct {
		VehicleIDs []string `json:"vehicle_ids"`
	}
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	m, err := s.svc.Transport.SetMotorcade(c.Request().Context(), actorOf(c), c.Param("id"), req.VehicleIDs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, motorcadeBody{DelegationID: m.DelegationID, VehicleIDs: nonNil(m.VehicleIDs)})
}

func (s *Server) listMovements(c echo.Context) error {
	mvs, err := s.svc.Transport.Movements(c.Request().Context(), actorOf(c),
		domain.MovementQuery{DelegationID: c.QueryParam("delegation_id"), Date: c.QueryParam("date")})
	if err != nil {
		return err
	}
	out := list[movementResponse]{Items: make([]movementResponse, len(mvs))}
	for i := range mvs {
		out.Items[i] = toMovementResponse(&mvs[i])
	}
	return c.JSON(http.StatusOK, out)
}

// movementsPDF answers the transport desk's day sheet as a PDF.
func (s *Server) movementsPDF(c echo.Context) error {
	lang := c.QueryParam("lang")
	if lang == "" {
		lang = "en"
	}
	if !domain.Contains(domain.DocumentLanguages, lang) {
		return &domain.Error{Code: domain.EINVALID, Message: "The request has invalid fields.",
			Fields: []domain.FieldError{{Field: "lang", Message: "must be one of " + strings.Join(domain.DocumentLanguages, ", ")}}}
	}
	sh, err := s.svc.Transport.DaySheet(c.Request().Context(), actorOf(c), c.QueryParam("date"))
	if err != nil {
		return err
	}
	return sendPDF(c, "movements-"+sh.Date+"-"+lang, func(b *bytes.Buffer) error { return pdf.Movements(b, sh, lang) })
}

// movementColumns are the day sheet's CSV columns.
var movementColumns = []string{"id", "date", "delegation_id", "delegation_code", "delegation_name", "from_venue_id", "from_venue_name",
	"to_venue_id", "to_venue_name", "depart_at", "arrive_at", "meeting_id", "vehicle_plates", "drivers", "problems"}

// movementsCSV answers the transport desk's day sheet as CSV (times in the
// summit's zone with the offset; cells a spreadsheet would read as a
// formula neutralised).
func (s *Server) movementsCSV(c echo.Context) error {
	sh, err := s.svc.Transport.DaySheet(c.Request().Context(), actorOf(c), c.QueryParam("date"))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	out, err := export.New(&b, "csv", "movements")
	if err != nil {
		return err
	}
	if err := out.Row(movementColumns); err != nil {
		return err
	}
	problems := map[string][]string{} // by movement
	for _, p := range sh.Problems {
		problems[p.MovementID+p.DelegationID] = append(problems[p.MovementID+p.DelegationID], p.Rule)
	}
	for _, m := range sh.Movements {
		d := sh.Delegations[m.DelegationID]
		var plates, drivers []string
		for _, id := range m.VehicleIDs {
			v := sh.Vehicles[id]
			plates = append(plates, v.Plate)
			drivers = append(drivers, strings.TrimSpace(v.DriverName+" "+v.DriverPhone))
		}
		err := out.Row([]string{m.UID(), m.Date, d.ID, d.Code, d.Name, m.FromVenueID, sh.Venues[m.FromVenueID].Name, m.ToVenueID,
			sh.Venues[m.ToVenueID].Name, export.Time(m.DepartAt, sh.Zone), export.Time(m.ArriveAt, sh.Zone), m.MeetingID,
			strings.Join(plates, "; "), strings.Join(drivers, "; "), strings.Join(problems[m.UID()+m.DelegationID], "; ")})
		if err != nil {
			return err
		}
	}
	if err := out.Close(); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="movements-%s.csv"`, sh.Date))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, export.ContentTypes["csv"], b.Bytes())
}

// itemsWithMovements adds the delegation's movements to its agenda items
// when the agenda is a delegation's (not a room's or a person's).
func (s *Server) itemsWithMovements(c echo.Context, q domain.AgendaQuery, items []domain.AgendaItem) ([]domain.AgendaItem, error) {
	if q.DelegationID == "" || q.RoomID != "" || q.MemberID != "" {
		return items, nil
	}
	return s.svc.Transport.WithMovements(c.Request().Context(), actorOf(c), q.DelegationID, q.Date, items)
}
