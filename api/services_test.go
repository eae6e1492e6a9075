package api

import (
	"testing"

	"summit/domain"
	"summit/repository"
)

// servicesOn wires the domain services on store as cmd/summit does, each
// with its own narrow repositories, with the real password hasher.
func servicesOn(t testing.TB, store *repository.Repos) Services {
	t.Helper()
	hasher := repository.Argon2id{}
	auth, err := domain.NewAuth(repository.Scoped[domain.AuthRepos]{Repos: store}, hasher, nil)
	if err != nil {
		t.Fatal(err)
	}
	proposals := domain.Proposals{Store: repository.Scoped[domain.ProposalRepos]{Repos: store}}
	runner := domain.NewProposalRunner(proposals, nil)
	transport := domain.Transport{Store: repository.Scoped[domain.TransportRepos]{Repos: store}}
	t.Cleanup(runner.Stop) // before the database closes
	return Services{
		Auth:          auth,
		Users:         usersOn(store),
		Delegations:   domain.Delegations{Store: repository.Scoped[domain.DelegationRepos]{Repos: store}},
		Venues:        domain.Venues{Store: repository.Scoped[domain.VenueRepos]{Repos: store}},
		Summits:       domain.Summits{Store: repository.Scoped[domain.SummitRepos]{Repos: store}},
		Meetings:      domain.Meetings{Store: repository.Scoped[domain.BookingRepos]{Repos: store}},
		Requests:      domain.Requests{Store: repository.Scoped[domain.RequestRepos]{Repos: store}},
		Proposals:     proposals,
		Runner:        runner,
		Audit:         domain.AuditTrail{Store: store},
		Events:        domain.Events{Store: store},
		Feeds:         domain.Feeds{Store: store, Transport: transport},
		Problems:      domain.Problems{Store: repository.Scoped[domain.ProblemRepos]{Repos: store}, Transport: transport},
		Releases:      domain.Releases{Store: repository.Scoped[domain.ReleaseRepos]{Repos: store}},
		Documents:     domain.Documents{Store: repository.Scoped[domain.DocumentRepos]{Repos: store}, Transport: transport},
		Notices:       domain.Notices{Store: repository.Scoped[domain.NoticeRepos]{Repos: store}},
		Accreditation: domain.Accreditation{Store: repository.Scoped[domain.AccreditationRepos]{Repos: store}},
		Hotels:        domain.Hotels{Store: repository.Scoped[domain.HotelRepos]{Repos: store}},
		Transport:     transport,
		Ready:         store.Ping,
	}
}

// usersOn is the users service on store, with the real password hasher.
func usersOn(store *repository.Repos) domain.Users {
	return domain.Users{Store: repository.Scoped[domain.UserRepos]{Repos: store}, Hasher: repository.Argon2id{}}
}

// seed loads the demo summit into store.
func seed(t testing.TB, store *repository.Repos) {
	t.Helper()
	s := domain.Seeder{Store: repository.Scoped[domain.DemoRepos]{Repos: store}, Hasher: repository.Argon2id{}}
	if err := s.Seed(t.Context(), domain.AstanaDemo()); err != nil {
		t.Fatal(err)
	}
}
