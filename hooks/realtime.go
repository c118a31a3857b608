package hooks

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Realtime order of events.
//
// PocketBase hands each realtime message to its client from a goroutine of
// its own, so two saves of a record in quick succession (a cart's total
// after one line, then after the next; an order's location report, then
// its delivery) can reach the connection in either order. The older one,
// arriving last, would leave the subscriber with a stale cart total or an
// order picked up again after it was delivered. dropStaleEvents runs in the
// connection's own loop, one message at a time, and drops an event of a
// cart, cart line or order older than one already sent on it. For that
// to be exact, every save of a cart or cart line moves its updated time
// forward (see stampUpdated); orders also count their status history.

func registerRealtime(app core.App) {
	app.OnRealtimeMessageSend().BindFunc(dropStaleEvents)
	app.OnRecordUpdateExecute("carts", "cart_items").BindFunc(stampUpdated)
}

// eventVersion orders the saved states of one record: by updated, then by
// the length of its status history (orders only), and a delete after all.
type eventVersion struct {
	updated string
	moves   int
	deleted bool
}

func (v eventVersion) before(w eventVersion) bool {
	return v.updated < w.updated || (v.updated == w.updated && v.moves < w.moves)
}

// admit reports whether an event of version v for record key may be sent
// after the events in sent, and records it. Nothing of a record follows
// its delete, but an event may repeat the version last sent (the same save
// seen through two subscriptions).
func admit(sent map[string]eventVersion, key string, v eventVersion) bool {
	last, seen := sent[key]
	switch {
	case !seen:
	case last.deleted:
		return false
	case !v.deleted && v.before(last):
		return false
	}
	if len(sent) >= maxTrackedRecords {
		clear(sent) // a connection left open for days: forget rather than grow
	}
	sent[key] = v
	return true
}

// maxTrackedRecords bounds the versions one connection remembers.
const maxTrackedRecords = 20000

// sentVersionsKey is where a realtime client keeps the version of each
// record it was last sent.
const sentVersionsKey = "dishpatch.sentVersions"

// orderedCollections are the collections whose events dropStaleEvents
// orders, as they appear in a message's record.
var orderedCollections = [][]byte{
	[]byte(`"collectionName":"carts"`), []byte(`"collectionName":"cart_items"`), []byte(`"collectionName":"orders"`),
}

func dropStaleEvents(e *core.RealtimeMessageEvent) error {
	tracked := false
	for _, c := range orderedCollections {
		tracked = tracked || bytes.Contains(e.Message.Data, c)
	}
	if !tracked {
		return e.Next()
	}
	var msg struct {
		Action string `json:"action"`
		Record struct {
			ID             string            `json:"id"`
			CollectionName string            `json:"collectionName"`
			Updated        string            `json:"updated"`
			History        []json.RawMessage `json:"status_history"`
		} `json:"record"`
	}
	if err := json.Unmarshal(e.Message.Data, &msg); err != nil || msg.Record.ID == "" || msg.Record.Updated == "" {
		return e.Next() // not a state this filter can compare (e.g. ?fields= left it out)
	}
	sent, ok := e.Client.Get(sentVersionsKey).(map[string]eventVersion)
	if !ok {
		sent = map[string]eventVersion{}
		e.Client.Set(sentVersionsKey, sent)
	}
	v := eventVersion{updated: msg.Record.Updated, moves: len(msg.Record.History), deleted: msg.Action == "delete"}
	if !admit(sent, msg.Record.CollectionName+"/"+msg.Record.ID, v) {
		return nil
	}
	return e.Next()
}

// stampUpdated makes a save's updated time later than the one it replaces,
// even within the same millisecond (updated is stored to the millisecond),
// so that the versions dropStaleEvents compares are strictly ordered.
func stampUpdated(e *core.RecordEvent) error {
	before := e.Record.Original().GetDateTime("updated")
	if current := e.Record.GetDateTime("updated"); current.After(before) {
		before = current
	}
	if !before.IsZero() {
		if now := time.Now().UTC().Truncate(time.Millisecond); !now.After(before.Time()) {
			e.Record.SetRaw("updated", before.Add(time.Millisecond))
		}
	}
	return e.Next()
}

// hasSubscribers reports whether a realtime client subscribes to a topic
// of the collection (by name or id), so that a write may skip the events
// nobody would receive.
func hasSubscribers(app core.App, collection string) bool {
	broker := app.SubscriptionsBroker()
	if broker.TotalClients() == 0 {
		return false
	}
	prefixes := []string{collection}
	if col, err := app.FindCachedCollectionByNameOrId(collection); err == nil {
		prefixes = append(prefixes, col.Id)
	}
	for _, client := range broker.Clients() {
		if len(client.Subscriptions(prefixes...)) > 0 {
			return true
		}
	}
	return false
}
