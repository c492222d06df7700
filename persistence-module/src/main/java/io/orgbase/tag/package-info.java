/**
 * Tags: free-form names per organization (unique whatever the case) attached to its records
 * through tagging rows; a deleted record's taggings go with it (database triggers).
 */
package io.orgbase.tag;
