package io.orgbase.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.persistence.core.queries.CoreAttributeGroup;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.FetchGroupManager;
import org.eclipse.persistence.internal.queries.EntityFetchGroup;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.ObjectReferenceMapping;
import org.eclipse.persistence.queries.AttributeGroup;
import org.eclipse.persistence.queries.FetchGroup;
import org.eclipse.persistence.queries.FetchGroupTracker;
import org.eclipse.persistence.sessions.Session;

/**
 * A relationship that is read with a join ({@code @JoinFetch}) brings its target's columns that the
 * target reads by default, not all of them. On its own, EclipseLink applies an entity's lazy
 * basic attributes (its default fetch group) when the entity is read by itself, but selects every
 * column of it when it comes joined to another: the member list read each account's password hash.
 *
 * <p>So each entity with such a relationship gets a default fetch group of its own: all of its
 * eagerly read attributes, and for the joined one, its target's eagerly read attributes. A lazy
 * attribute left out this way is still read when it is first used (the woven getter).
 */
final class LeanJoins {

    private LeanJoins() {}

    static void apply(Session session) {
        for (ClassDescriptor source : session.getDescriptors().values()) {
            FetchGroup group = null;
            for (DatabaseMapping mapping : source.getMappings()) {
                if (mapping instanceof ObjectReferenceMapping reference && reference.isJoinFetched()) {
                    ClassDescriptor target = session.getDescriptor(reference.getReferenceClass());
                    List<String> eager = eager(target);
                    if (target != null
                            && eager.size() < target.getMappings().size()
                            && woven(source)
                            && woven(target)) {
                        if (group == null) {
                            group = new KnownGroup("lean joins");
                            for (String attribute : eager(source)) {
                                group.addAttribute(attribute);
                            }
                        }
                        FetchGroup nested = new FetchGroup();
                        eager.forEach(nested::addAttribute);
                        group.addAttribute(mapping.getAttributeName(), nested);
                    }
                }
            }
            if (group != null) {
                if (source.getFetchGroupManager() == null) {
                    source.setFetchGroupManager(new FetchGroupManager());
                }
                source.getFetchGroupManager().setDefaultFetchGroup(group);
            }
        }
    }

    /**
     * A fetch group that remembers which of the entity's attributes it stands for. EclipseLink
     * remembers that of a group that leaves attributes out, but for one that names them all (as
     * these do for the reading entity: only the joined one is lean) it answered "all of them" by
     * building the list again for every row read: 4.9% of the server's CPU on a member search
     * (2026-12-07, async-profiler).
     */
    static final class KnownGroup extends FetchGroup {

        /** The answer for one descriptor's manager: {@code group} null means every attribute. */
        private record Known(FetchGroupManager manager, EntityFetchGroup group) {}

        /** Null: not known yet (or the group changed since). */
        private transient volatile Known known;

        KnownGroup(String name) {
            super(name);
        }

        @Override
        public EntityFetchGroup getEntityFetchGroup(FetchGroupManager manager) {
            Known answer = known;
            if (answer == null || answer.manager() != manager) {
                answer = new Known(manager, manager.getEntityFetchGroup(getAttributeNames()));
                known = answer;
            }
            return answer.group();
        }

        @Override
        public void addAttribute(String attributeNameOrPath, AttributeGroup group) {
            super.addAttribute(attributeNameOrPath, group);
            known = null;
        }

        @Override
        public void addAttribute(String attributeNameOrPath, CoreAttributeGroup group) {
            super.addAttribute(attributeNameOrPath, group);
            known = null;
        }

        @Override
        public void addAttribute(String attributeNameOrPath, Collection<? extends CoreAttributeGroup> groups) {
            super.addAttribute(attributeNameOrPath, groups);
            known = null;
        }

        @Override
        public void addAttributeKey(String attributeNameOrPath, CoreAttributeGroup group) {
            super.addAttributeKey(attributeNameOrPath, group);
            known = null;
        }

        @Override
        public void removeAttribute(String attributeNameOrPath) {
            super.removeAttribute(attributeNameOrPath);
            known = null;
        }
    }

    /**
     * Whether the class was woven for fetch groups: an unwoven one (a build without the weaving
     * step) keeps reading every column rather than failing the persistence unit's start.
     */
    private static boolean woven(ClassDescriptor descriptor) {
        return FetchGroupTracker.class.isAssignableFrom(descriptor.getJavaClass());
    }

    /** The attributes an entity reads unless asked otherwise: all but its lazy basic ones. */
    private static List<String> eager(ClassDescriptor descriptor) {
        List<String> names = new ArrayList<>();
        if (descriptor != null) {
            for (DatabaseMapping mapping : descriptor.getMappings()) {
                if (!(mapping.isDirectToFieldMapping() && mapping.isLazy())) {
                    names.add(mapping.getAttributeName());
                }
            }
        }
        return names;
    }
}
