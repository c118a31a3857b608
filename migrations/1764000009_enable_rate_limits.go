package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// DefaultRateLimits are the per-client-IP limits a fresh install starts
// with. Admins change them in the dashboard (Settings → Rate limiting);
// this migration runs once, so their changes are kept.
var DefaultRateLimits = []core.RateLimitRule{
	{Label: "*:auth", MaxRequests: 20, Duration: 10},
	{Label: "*:requestPasswordReset", MaxRequests: 5, Duration: 60},
	{Label: "*:requestVerification", MaxRequests: 5, Duration: 60},
	{Label: "*:requestOTP", MaxRequests: 5, Duration: 60},
	{Label: "users:create", MaxRequests: 20, Duration: 60},
	{Label: "*:create", MaxRequests: 100, Duration: 10},
	{Label: "POST /api/carts/", MaxRequests: 60, Duration: 10},
	{Label: "POST /api/orders/", MaxRequests: 200, Duration: 10},
	{Label: "/api/delivery/", MaxRequests: 200, Duration: 10},
	{Label: "/api/courier/", MaxRequests: 100, Duration: 10},
	{Label: "/api/batch", MaxRequests: 5, Duration: 1},
	{Label: "/api/", MaxRequests: 600, Duration: 10},
}

// DefaultRateLimitExcludedIPs lists the clients that are never limited:
// the machine itself (health checks, local scripts). Behind a reverse proxy
// configure the trusted proxy headers so the real client IP is used.
var DefaultRateLimitExcludedIPs = []string{"127.0.0.1", "::1"}

func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Enabled = true
		s.RateLimits.Rules = DefaultRateLimits
		s.RateLimits.ExcludedIPs = DefaultRateLimitExcludedIPs
		// The batch API is off by default in PocketBase; Dishpatch leaves it
		// on with PocketBase's own limits so clients can add several cart
		// items in one transaction.
		s.Batch.Enabled = true
		s.Batch.MaxRequests = 50
		s.Batch.Timeout = 3
		s.Meta.AppName = "Dishpatch"
		return app.Save(s)
	}, nil)
}
