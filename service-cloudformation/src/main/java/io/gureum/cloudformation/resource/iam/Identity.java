package io.gureum.cloudformation.resource.iam;

import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * What a role and a user share besides their policies ({@link Principal}): tags and a permissions boundary,
 * changed in place on update — tags replaced as a whole (the old keys untagged, the new set tagged), the
 * boundary put or deleted.
 */
abstract class Identity {
    abstract List<String> tagKeys(IamClient iam, String name);

    abstract void untag(IamClient iam, String name, List<String> keys);

    abstract void tag(IamClient iam, String name, List<Tag> tags);

    abstract void putBoundary(IamClient iam, String name, String arn);

    abstract void deleteBoundary(IamClient iam, String name);

    /** Applies changed {@code Tags} and {@code PermissionsBoundary} properties. */
    final void update(ResourceRequest r, IamClient iam, String name) {
        Set<String> changed = r.changedProperties();
        if (changed.contains("PermissionsBoundary")) {
            if (r.has("PermissionsBoundary")) {
                putBoundary(iam, name, r.text("PermissionsBoundary"));
            } else {
                deleteBoundary(iam, name);
            }
        }
        if (changed.contains("Tags")) {
            List<String> old = tagKeys(iam, name);
            if (!old.isEmpty()) {
                untag(iam, name, old);
            }
            List<Tag> tags = IamSupport.tags(r);
            if (!tags.isEmpty()) {
                tag(iam, name, tags);
            }
        }
    }

    static final Identity ROLE = new Identity() {
        @Override
        List<String> tagKeys(IamClient iam, String name) {
            return iam.listRoleTags(b -> b.roleName(name)).tags().stream().map(Tag::key).toList();
        }

        @Override
        void untag(IamClient iam, String name, List<String> keys) {
            iam.untagRole(b -> b.roleName(name).tagKeys(keys));
        }

        @Override
        void tag(IamClient iam, String name, List<Tag> tags) {
            iam.tagRole(b -> b.roleName(name).tags(tags));
        }

        @Override
        void putBoundary(IamClient iam, String name, String arn) {
            iam.putRolePermissionsBoundary(b -> b.roleName(name).permissionsBoundary(arn));
        }

        @Override
        void deleteBoundary(IamClient iam, String name) {
            iam.deleteRolePermissionsBoundary(b -> b.roleName(name));
        }
    };

    static final Identity USER = new Identity() {
        @Override
        List<String> tagKeys(IamClient iam, String name) {
            return iam.listUserTags(b -> b.userName(name)).tags().stream().map(Tag::key).toList();
        }

        @Override
        void untag(IamClient iam, String name, List<String> keys) {
            iam.untagUser(b -> b.userName(name).tagKeys(keys));
        }

        @Override
        void tag(IamClient iam, String name, List<Tag> tags) {
            iam.tagUser(b -> b.userName(name).tags(tags));
        }

        @Override
        void putBoundary(IamClient iam, String name, String arn) {
            iam.putUserPermissionsBoundary(b -> b.userName(name).permissionsBoundary(arn));
        }

        @Override
        void deleteBoundary(IamClient iam, String name) {
            iam.deleteUserPermissionsBoundary(b -> b.userName(name));
        }
    };
}
