package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.LookupTable;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class LookupTablesIT extends LogsTestSupport {

    @Test
    void createDescribeGetUpdateDelete() {
        String name = unique("users").replace('-', '_');
        String body = "id,name\n1,alice\n2,bob\n";
        String arn = logs.createLookupTable(b -> b.lookupTableName(name).tableBody(body).description("people"))
                .lookupTableArn();
        assertEquals("arn:aws:logs:us-east-1:000000000000:lookup-table:" + name, arn);
        LookupTable t = logs.describeLookupTables(b -> b.lookupTableNamePrefix(name)).lookupTables().get(0);
        assertEquals(List.of("id", "name"), t.tableFields());
        assertEquals(2L, t.recordsCount());
        assertEquals((long) body.length(), t.sizeBytes());
        assertEquals(body, logs.getLookupTable(b -> b.lookupTableArn(arn)).tableBody());
        logs.updateLookupTable(b -> b.lookupTableArn(arn).tableBody("id,name,team\n1,alice,x\n"));
        t = logs.describeLookupTables(b -> b.lookupTableNamePrefix(name)).lookupTables().get(0);
        assertEquals(1L, t.recordsCount());
        assertEquals("people", t.description());
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400, null,
                () -> logs.createLookupTable(b -> b.lookupTableName(name).tableBody(body)));
        logs.deleteLookupTable(b -> b.lookupTableArn(arn));
        assertTrue(logs.describeLookupTables(b -> b.lookupTableNamePrefix(name)).lookupTables().isEmpty());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getLookupTable(b -> b.lookupTableArn(arn)));
    }
}
