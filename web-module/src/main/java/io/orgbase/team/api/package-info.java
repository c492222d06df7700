/** Teams of one organization and their members, over REST. */
package io.orgbase.team.api;
