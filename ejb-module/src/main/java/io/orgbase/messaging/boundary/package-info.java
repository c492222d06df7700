/** Dead letters, for platform administrators. */
package io.orgbase.messaging.boundary;
