/**
 * Teams: cross-functional groups of an organization's members, each member a lead or a member.
 * A team member is always a member of the team's organization (a composite foreign key to the
 * membership), and leaves the team when they leave the organization.
 */
package io.orgbase.team;
