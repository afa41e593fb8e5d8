package io.gureum.ec2common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.error.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaginationTest {
    @Test
    void paginationWalksEveryItemOnce() {
        List<Integer> all = java.util.stream.IntStream.range(0, 23).boxed().toList();
        var p1 = Pagination.page(all, 10, null);
        var p2 = Pagination.page(all, 10, p1.nextToken());
        var p3 = Pagination.page(all, 10, p2.nextToken());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), p1.items());
        assertEquals(10, p2.items().get(0));
        assertEquals(List.of(20, 21, 22), p3.items());
        assertNull(p3.nextToken());
        assertEquals(23, Pagination.page(all, null, null).items().size());
        assertEquals("InvalidParameterValue",
                assertThrows(AwsException.class, () -> Pagination.page(all, 4, null)).code());
        assertEquals("InvalidPaginationToken",
                assertThrows(AwsException.class, () -> Pagination.page(all, 5, "garbage!")).code());
    }

    @Test
    void maxResultsOutsideTheOperationsRangeIsRefusedWithTheBoundInTheMessage() {
        List<Integer> all = List.of(1, 2, 3);
        AwsException tooMany = assertThrows(AwsException.class, () -> Pagination.page(all, 101, null, 5, 100));
        assertEquals("InvalidParameterValue", tooMany.code());
        assertEquals(400, tooMany.status());
        assertEquals("Value ( 101 ) for parameter maxResults is invalid. Expecting a value less than 100.",
                tooMany.getMessage());
    }
}
