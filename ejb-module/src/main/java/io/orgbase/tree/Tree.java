package io.orgbase.tree;

import io.orgbase.persistence.TreeNode;

/**
 * A tree kind, as a boundary declares it: its entity and the table given to {@code tree_declare}
 * (whose name is also its lock's and its constraints'). {@link Trees} does the rest.
 *
 * @param noun what a row is called in answers ("department")
 */
public record Tree<E extends TreeNode>(Class<E> type, String table, String noun) {

    /** The tree of {@code type}'s table (its {@code @Table}), whose rows are called {@code noun}. */
    public static <E extends TreeNode> Tree<E> of(Class<E> type, String noun) {
        return new Tree<>(
                type, type.getAnnotation(jakarta.persistence.Table.class).name(), noun);
    }
}
