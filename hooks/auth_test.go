package hooks_test

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

var resetLink = regexp.MustCompile(`confirm-password-reset/([A-Za-z0-9_\-.]+)`)

// TestPasswordReset follows the e-mail flow end to end: the request sends a
// mail (caught by the test mailer) whose token resets the password.
func TestPasswordReset(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	srv := serve(t, app)

	status, _ := call(t, srv, anon, http.MethodPost, "/api/collections/users/request-password-reset", `{"email":"Alice@dishpatch.test"}`)
	if status != http.StatusNoContent {
		t.Fatalf("request-password-reset: got status %d; want 204", status)
	}
	deadline := time.Now().Add(5 * time.Second)
	for app.TestMailer.TotalSend() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // PocketBase sends the mail in the background
	}
	if got := app.TestMailer.TotalSend(); got != 1 {
		t.Fatalf("mails sent: got %d; want 1", got)
	}
	mail := app.TestMailer.LastMessage()
	if len(mail.To) != 1 || mail.To[0].Address != "Alice@dishpatch.test" {
		t.Errorf("mail to: got %v; want Alice@dishpatch.test", mail.To)
	}
	m := resetLink.FindStringSubmatch(mail.HTML)
	if m == nil {
		t.Fatalf("no reset link in the mail: %s", mail.HTML)
	}

	body := `{"token":"` + m[1] + `","password":"new-secret-42","passwordConfirm":"new-secret-42"}`
	if status, out := call(t, srv, anon, http.MethodPost, "/api/collections/users/confirm-password-reset", body); status != http.StatusNoContent {
		t.Fatalf("confirm-password-reset: got status %d (%v); want 204", status, out)
	}
	if status, _ := call(t, srv, anon, http.MethodPost, "/api/collections/users/auth-with-password",
		`{"identity":"Alice@dishpatch.test","password":"password123"}`); status != http.StatusBadRequest {
		t.Errorf("login with the old password: got status %d; want 400", status)
	}
	status, out := call(t, srv, anon, http.MethodPost, "/api/collections/users/auth-with-password",
		`{"identity":"Alice@dishpatch.test","password":"new-secret-42"}`)
	if status != http.StatusOK || out["token"] == "" {
		t.Errorf("login with the new password: got status %d (%v); want 200 with a token", status, out)
	}
	if status, _ := call(t, srv, anon, http.MethodPost, "/api/collections/users/confirm-password-reset", body); status != http.StatusBadRequest {
		t.Errorf("reusing the reset token: got status %d; want 400", status)
	}
}
