package main

import (
	"log/slog"

	"summit/api"
	"summit/domain"
	"summit/repository"
)

// services builds every domain service on db, each with the repositories it
// uses, the password hasher and the clock. The proposal runner they include
// must be stopped (Runner.Stop) before db closes.
func services(db *repository.DB, clock domain.Clock, log *slog.Logger) (api.Services, error) {
	hasher := repository.Argon2id{}
	auth, err := domain.NewAuth(repository.For[domain.AuthRepos](db), hasher, clock)
	if err != nil {
		return api.Services{}, err
	}
	proposals := domain.Proposals{Store: repository.For[domain.ProposalRepos](db), Clock: clock}
	store := db.Store()
	transport := domain.Transport{Store: repository.For[domain.TransportRepos](db), Clock: clock}
	return api.Services{
		Auth:        auth,
		Users:       domain.Users{Store: repository.For[domain.UserRepos](db), Hasher: hasher, Clock: clock},
		Delegations: domain.Delegations{Store: repository.For[domain.DelegationRepos](db), Clock: clock},
		Venues:      domain.Venues{Store: repository.For[domain.VenueRepos](db), Clock: clock},
		Summits:     domain.Summits{Store: repository.For[domain.SummitRepos](db), Clock: clock},
		Meetings:    domain.Meetings{Store: repository.For[domain.BookingRepos](db), Clock: clock},
		Requests:    domain.Requests{Store: repository.For[domain.RequestRepos](db), Clock: clock},
		Proposals:   proposals,
		Runner: domain.NewProposalRunner(proposals, func(id string, err error) {
			log.Error("proposal failed", "proposal", id, "error", err.Error())
		}),
		Audit:         domain.AuditTrail{Store: store},
		Events:        domain.Events{Store: store},
		Feeds:         domain.Feeds{Store: store, Transport: transport},
		Problems:      domain.Problems{Store: repository.For[domain.ProblemRepos](db), Clock: clock, Transport: transport},
		Releases:      domain.Releases{Store: repository.For[domain.ReleaseRepos](db), Clock: clock},
		Documents:     domain.Documents{Store: repository.For[domain.DocumentRepos](db), Clock: clock, Transport: transport},
		Notices:       domain.Notices{Store: repository.For[domain.NoticeRepos](db), Clock: clock},
		Accreditation: domain.Accreditation{Store: repository.For[domain.AccreditationRepos](db), Clock: clock},
		Hotels:        domain.Hotels{Store: repository.For[domain.HotelRepos](db), Clock: clock},
		Transport:     transport,
		Ready:         db.Ping,
	}, nil
}

// noticeSender is the sender of the outbox on db, mailing through the
// configured SMTP server (none: notices stay unsent) with links to the agenda.
func noticeSender(db *repository.DB, cfg config, log *slog.Logger) *domain.NoticeSender {
	s := &domain.NoticeSender{Store: repository.For[domain.NoticeRepos](db), AgendaURL: cfg.PublicURL + "/agenda",
		OnError: func(id string, err error) { log.Warn("notice not sent", "notice", id, "error", err.Error()) }}
	if cfg.SMTP != nil {
		s.Mailer = cfg.SMTP
	}
	return s
}

// seeder loads the demo into db.
func seeder(db *repository.DB, clock domain.Clock) domain.Seeder {
	return domain.Seeder{Store: repository.For[domain.DemoRepos](db), Hasher: repository.Argon2id{}, Clock: clock}
}
