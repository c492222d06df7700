/** An organization's own wording of its mail, over REST. */
package io.orgbase.mail.api;
