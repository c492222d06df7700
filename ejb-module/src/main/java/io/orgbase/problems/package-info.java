/**
 * Errors: the domain exceptions boundaries throw (ejb-module), each an application exception that
 * rolls the transaction back, and their one mapping to RFC 9457 problem documents (web-module).
 */
package io.orgbase.problems;
