package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;

class PartiQlIT extends DynamoDbTestSupport {

    @Test
    void insertSelectUpdateDelete() {
        String t = table(null, null);
        ddb.executeStatement(b -> b.statement("INSERT INTO \"" + t + "\" VALUE {'pk': ?, 'n': 1, 'tags': ['a', 'b']}").parameters(s("k1")));
        ddb.executeStatement(b -> b.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'k2', 'n': 2}"));
        assertThrows(DuplicateItemException.class,
                () -> ddb.executeStatement(b -> b.statement("INSERT INTO \"" + t + "\" VALUE {'pk': 'k2'}")));
        assertEquals(1, ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + t + "\" WHERE pk = ?").parameters(s("k1"))).items().size());
        assertEquals(2, ddb.executeStatement(b -> b.statement("SELECT pk FROM \"" + t + "\"")).items().size());
        ddb.executeStatement(b -> b.statement("UPDATE \"" + t + "\" SET n = 5 WHERE pk = 'k1'"));
        assertEquals(Map.of("n", n("5")), ddb.executeStatement(b -> b.statement("SELECT n FROM \"" + t + "\" WHERE pk = 'k1'")).items().get(0));
        assertEquals(1, ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + t + "\" WHERE n > 2")).items().size());
        ddb.executeStatement(b -> b.statement("DELETE FROM \"" + t + "\" WHERE pk = 'k1'"));
        assertFalse(ddb.getItem(b -> b.tableName(t).key(key("k1"))).hasItem());
    }
}
