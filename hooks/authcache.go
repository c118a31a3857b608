package hooks

import (
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

// Limits of the auth cache: how long a token's record is reused without
// reading it again, and how many tokens are remembered.
const (
	authCacheTTL = 30 * time.Second
	authCacheMax = 4096
)

// authCache remembers which auth record a token stands for. PocketBase reads
// the record and checks the token's signature on every request (8 % of a
// change-quantity request's CPU, 9 % of an add-item's); with the cache, a signed-in client's requests do it
// once per token every authCacheTTL at most. Any change to any auth record
// (a new password, a new email, verified, a delete) or to an auth
// collection (its token secrets) empties the cache after it is committed,
// so a token that stops being valid stops working at once; a token's own
// expiry is kept as well.
type authCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by every change that empties the cache
	entries map[string]authEntry
}

type authEntry struct {
	record  *core.Record // never handed out: each request gets a clone
	gen     uint64
	expires time.Time
}

func registerAuthCache(app core.App) {
	c := &authCache{entries: map[string]authEntry{}}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "dishpatchAuthCache",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1, // just before PocketBase's loader
			Func:     c.load,
		})
		return se.Next()
	})
	// The Success hooks of a write inside a transaction run after its commit.
	onRecord := func(e *core.RecordEvent) error {
		c.clearFor(e.Record.Collection())
		return e.Next()
	}
	onCollection := func(e *core.CollectionEvent) error {
		c.clearFor(e.Collection)
		return e.Next()
	}
	app.OnRecordAfterUpdateSuccess().BindFunc(onRecord)
	app.OnRecordAfterDeleteSuccess().BindFunc(onRecord)
	app.OnCollectionAfterUpdateSuccess().BindFunc(onCollection)
	app.OnCollectionAfterDeleteSuccess().BindFunc(onCollection)
}

// clearFor forgets every token when a record or the definition of auth
// collection col changed.
func (c *authCache) clearFor(col *core.Collection) {
	if col.IsAuth() {
		c.clear()
	}
}

// clear forgets every token.
func (c *authCache) clear() {
	c.mu.Lock()
	c.gen++
	clear(c.entries)
	c.mu.Unlock()
}

// load sets e.Auth from the request's token as PocketBase's own loader
// would (which then leaves it be), from the cache when it can. A token
// that does not verify is left to PocketBase's loader.
func (c *authCache) load(e *core.RequestEvent) error {
	token := requestToken(e)
	if e.Auth != nil || token == "" {
		return e.Next()
	}
	now := time.Now()
	c.mu.Lock()
	entry, ok := c.entries[token]
	gen := c.gen
	c.mu.Unlock()
	if ok && entry.gen == gen && now.Before(entry.expires) {
		e.Auth = entry.record.Clone()
		return e.Next()
	}
	record, err := e.App.FindAuthRecordByToken(token, core.TokenTypeAuth)
	if err != nil {
		return e.Next()
	}
	e.Auth = record
	c.store(token, authEntry{record: record.Clone(), gen: gen, expires: tokenExpiry(token, now)})
	return e.Next()
}

// store keeps entry unless the cache was cleared since the record was read
// (gen), which would make the record stale.
func (c *authCache) store(token string, entry authEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if entry.gen != c.gen {
		return
	}
	if len(c.entries) >= authCacheMax {
		clear(c.entries)
	}
	c.entries[token] = entry
}

// requestToken is the token of the Authorization header, with or without
// the "Bearer " prefix, as PocketBase reads it.
func requestToken(e *core.RequestEvent) string {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		token = token[7:]
	}
	return token
}

// tokenExpiry is when a verified token's cache entry ends: its exp claim
// or now + authCacheTTL, whichever is sooner.
func tokenExpiry(token string, now time.Time) time.Time {
	until := now.Add(authCacheTTL)
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return now // cannot tell: do not reuse
	}
	exp, ok := claims["exp"].(float64)
	if !ok {
		return now
	}
	if t := time.Unix(int64(exp), 0); t.Before(until) {
		return t
	}
	return until
}
