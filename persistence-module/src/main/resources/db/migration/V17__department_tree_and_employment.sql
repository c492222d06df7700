-- Departments become a tree with a materialized path, a head and settings; a membership carries
-- the member's employment (job title, employee number, department, manager).

-- The path is the ids from the root down to the department itself, each as 32 hex digits and a
-- '/'. A subtree is then one range of an index: every descendant's path starts with the
-- department's path, and with the "C" collation the range is [path, path || '~'). Comparisons are
-- leakproof, so the planner may use the index below the row policies (LIKE and ltree are not).
-- 64 levels keep the longest path (2,112 bytes) inside a B-tree entry.
ALTER TABLE department
    ADD COLUMN path text COLLATE "C",
    ADD COLUMN depth integer,
    ADD COLUMN head_id uuid,
    ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT department_settings_object CHECK (jsonb_typeof(settings) = 'object'),
    ADD CONSTRAINT department_name_length CHECK (char_length(name) BETWEEN 1 AND 200);

-- Row policies apply to the owner (FORCE); the backfill runs across tenants, so it lifts FORCE for
-- the length of this migration's transaction.
ALTER TABLE department NO FORCE ROW LEVEL SECURITY;
WITH RECURSIVE tree (id, path, depth) AS (
    SELECT id, replace(id::text, '-', '') || '/', 1 FROM department WHERE parent_id IS NULL
    UNION ALL
    SELECT d.id, t.path || replace(d.id::text, '-', '') || '/', t.depth + 1
    FROM department d JOIN tree t ON d.parent_id = t.id
)
UPDATE department d SET path = tree.path, depth = tree.depth FROM tree WHERE d.id = tree.id;
ALTER TABLE department FORCE ROW LEVEL SECURITY;

ALTER TABLE department
    ALTER COLUMN path SET NOT NULL,
    ALTER COLUMN depth SET NOT NULL,
    ADD CONSTRAINT department_depth_range CHECK (depth BETWEEN 1 AND 64),
    ADD CONSTRAINT department_path_shape CHECK (
        char_length(path) = 33 * depth AND right(path, 33) = replace(id::text, '-', '') || '/'),
    -- The head is a member of the same organization; when they leave, the department has none.
    ADD CONSTRAINT department_head_fk FOREIGN KEY (org_id, head_id)
        REFERENCES membership (org_id, user_id) ON DELETE SET NULL (head_id);
CREATE INDEX department_org_path_idx ON department (org_id, path);

-- The database keeps the paths: an inserted department, or one given another parent, takes its
-- parent's path plus its own id, and a move rewrites its subtree in one range update. Inserts under
-- a parent and moves of one organization are serialized by an advisory lock, taken before the
-- parent's path is read: otherwise a department inserted under a subtree being moved, or two
-- departments moved under each other at once, would keep a stale path or close a cycle. The
-- application checks the same rules first (to answer 400 with the field); these are the backstop.
CREATE FUNCTION department_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_path text := '';
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
        RETURN NEW;
    END IF;
    IF NEW.parent_id IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('department-tree:' || NEW.org_id, 0));
        SELECT path INTO parent_path FROM department WHERE id = NEW.parent_id AND org_id = NEW.org_id;
        IF parent_path IS NULL THEN
            RAISE foreign_key_violation USING MESSAGE = 'no parent department ' || NEW.parent_id,
                CONSTRAINT = 'department_parent_fk';
        END IF;
        IF TG_OP = 'UPDATE' AND starts_with(parent_path, OLD.path) THEN
            RAISE check_violation USING MESSAGE = 'department ' || NEW.id || ' would be its own ancestor',
                CONSTRAINT = 'department_acyclic';
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('department-tree:' || NEW.org_id, 0));
    END IF;
    NEW.path := parent_path || replace(NEW.id::text, '-', '') || '/';
    NEW.depth := char_length(NEW.path) / 33;
    RETURN NEW;
END $$;

CREATE FUNCTION department_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE department
    SET path = NEW.path || substr(path, char_length(OLD.path) + 1),
        depth = depth - OLD.depth + NEW.depth
    WHERE org_id = NEW.org_id AND path > OLD.path AND path < OLD.path || '~';
    RETURN NULL;
END $$;

CREATE TRIGGER department_place BEFORE INSERT OR UPDATE OF parent_id ON department
    FOR EACH ROW EXECUTE FUNCTION department_place();
CREATE TRIGGER department_move_subtree AFTER UPDATE OF parent_id ON department
    FOR EACH ROW WHEN (NEW.path IS DISTINCT FROM OLD.path) EXECUTE FUNCTION department_move_subtree();
CREATE INDEX department_org_head_idx ON department (org_id, head_id) WHERE head_id IS NOT NULL;

-- Employment. A department with members is not deleted (the application answers 409); a manager
-- who leaves leaves their reports without one. Cycles of managers are refused by the application
-- under an advisory lock, like department moves.
ALTER TABLE membership
    ADD COLUMN job_title text,
    ADD COLUMN employee_number text,
    ADD COLUMN department_id uuid,
    ADD COLUMN manager_id uuid,
    ADD CONSTRAINT membership_job_title_length CHECK (char_length(job_title) BETWEEN 1 AND 200),
    ADD CONSTRAINT membership_employee_number_format CHECK (employee_number ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
    ADD CONSTRAINT membership_employee_number_key UNIQUE (org_id, employee_number),
    ADD CONSTRAINT membership_department_fk FOREIGN KEY (org_id, department_id)
        REFERENCES department (org_id, id),
    ADD CONSTRAINT membership_manager_fk FOREIGN KEY (org_id, manager_id)
        REFERENCES membership (org_id, user_id) ON DELETE SET NULL (manager_id),
    ADD CONSTRAINT membership_not_own_manager CHECK (manager_id <> user_id);
CREATE INDEX membership_org_department_idx ON membership (org_id, department_id) WHERE department_id IS NOT NULL;
CREATE INDEX membership_org_manager_idx ON membership (org_id, manager_id) WHERE manager_id IS NOT NULL;
