package io.orgbase.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A row of a tenant tree whose table was declared with {@code tree_declare} (migration V27): the
 * database keeps its materialized {@link #getPath() path} and {@link #getDepth() depth} from its
 * parent; the entity maps them read-only ({@code insertable = false, updatable = false}) and reads
 * them back after a change.
 */
public interface TreeNode {

    /** Characters a level takes in a path: 32 hex digits and a '/'. */
    int SEGMENT = 33;

    /** Most levels of a tree: the longest path (2,112 bytes) must fit a B-tree entry. */
    int MAX_DEPTH = 64;

    UUID getId();

    UUID getParentId();

    void setParentId(UUID parentId);

    /** The ids from the root down to this row, 32 hex digits and a '/' each. */
    String getPath();

    /** 1 at the top. */
    int getDepth();

    /** The ids of the rows above, the top first. */
    default List<UUID> ancestorIds() {
        String path = getPath();
        List<UUID> ids = new ArrayList<>();
        for (int at = 0; at + SEGMENT < path.length(); at += SEGMENT) {
            ids.add(new UUID(
                    Long.parseUnsignedLong(path.substring(at, at + 16), 16),
                    Long.parseUnsignedLong(path.substring(at + 16, at + 32), 16)));
        }
        return ids;
    }

    /** The first text after every path of the subtree: it is [path, subtreeEnd). */
    default String subtreeEnd() {
        return getPath() + '~';
    }
}
