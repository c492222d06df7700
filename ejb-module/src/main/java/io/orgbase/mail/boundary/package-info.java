/** What organizations change about their mail: their own wording of messages. */
package io.orgbase.mail.boundary;
