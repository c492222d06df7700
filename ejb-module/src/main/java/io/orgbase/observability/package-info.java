/**
 * How Orgbase takes part in the server's observability: what the MicroProfile runtime traces by
 * default, and how an operator switches it on.
 */
package io.orgbase.observability;
