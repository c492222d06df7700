/**
 * Domain events: written to the transactional outbox with the change that causes them, published
 * to JMS by the relay after commit, and applied by consumers exactly once per event id. What keeps
 * failing becomes a dead letter that platform administrators requeue or discard.
 */
package io.orgbase.messaging;
