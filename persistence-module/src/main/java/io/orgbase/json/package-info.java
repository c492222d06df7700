/** JSON-P, set up once for the whole application. */
package io.orgbase.json;
