package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.ResourceIds;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IamIdsTest {
    @Test
    void idsArePrefixAndSeventeenUppercaseAlphanumericsAndRepeatableFromASeed() {
        IamIds ids = new IamIds(new ResourceIds(new Random(7)));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = ids.unique(IamIds.ROLE);
            assertTrue(id.matches("AROA[A-Z0-9]{17}"), id);
            seen.add(id);
        }
        assertEquals(2000, seen.size());
        assertEquals(new IamIds(new ResourceIds(new Random(7))).unique(IamIds.USER),
                new IamIds(new ResourceIds(new Random(7))).unique(IamIds.USER));
        assertNotEquals(ids.unique(IamIds.USER), ids.unique(IamIds.USER));
    }

    @Test
    void awsManagedPolicyIdsAreStable() {
        AwsManagedPolicies.Entry admin = AwsManagedPolicies.ALL.get(0);
        assertEquals("AdministratorAccess", admin.name());
        // Pinned: the same on every server and in every account, derived from the name alone.
        assertEquals("ANPA5K7V5JQ5RJTU6X18S", admin.id());
        assertEquals(admin.id(), new AwsManagedPolicies.Entry("AdministratorAccess", "/other/", "", "{}").id());
        assertNotEquals(admin.id(), AwsManagedPolicies.ALL.get(1).id());
        assertTrue(admin.id().matches("ANPA[A-Z0-9]{17}"), admin.id());
        assertEquals(AwsManagedPolicies.ALL.size(),
                AwsManagedPolicies.ALL.stream().map(AwsManagedPolicies.Entry::id).distinct().count());
    }
}
