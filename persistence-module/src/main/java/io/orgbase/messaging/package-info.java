/** What the messaging backbone keeps in the database: dead letters. */
package io.orgbase.messaging;
