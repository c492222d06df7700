/** Teams of one organization and their members; a user's teams across organizations. */
package io.orgbase.team.boundary;
