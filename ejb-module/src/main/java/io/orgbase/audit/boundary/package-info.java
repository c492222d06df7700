/** Reading and checking the audit trail of an organization, and the platform's. */
package io.orgbase.audit.boundary;
