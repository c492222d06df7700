/** Replaying the answer to a retried POST that carries an Idempotency-Key, instead of creating twice. */
package io.orgbase.idempotency.boundary;
