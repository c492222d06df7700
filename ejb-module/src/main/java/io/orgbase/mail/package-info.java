/**
 * Email: messages are rendered from templates with the organization's branding, queued in the
 * transaction that causes them, and handed to the SMTP server by a sender on every cluster member,
 * with retries, leases and a stable Message-ID.
 */
package io.orgbase.mail;
