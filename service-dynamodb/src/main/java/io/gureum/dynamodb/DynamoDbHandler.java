package io.gureum.dynamodb;

import io.gureum.core.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.*;

/**
 * DynamoDB operations, wire to behaviour: each method hands its request to the resource family's
 * class. Operations not overridden answer 501 NotImplemented.
 */
final class DynamoDbHandler implements DynamoDbClient {
    private final DynamoDbState state;
    private final Tables tables;
    private final Items items;
    private final Queries queries;
    private final Batches batches;
    private final Transactions transactions;
    private final PartiQl partiql;

    DynamoDbHandler(DynamoDbState state) {
        this.state = state;
        this.tables = new Tables(state);
        this.items = new Items(state, tables);
        this.queries = new Queries(state, tables);
        this.batches = new Batches(state, tables, items);
        this.transactions = new Transactions(state, tables);
        this.partiql = new PartiQl(state, tables, items, transactions);
    }

    // ---- tables ----

    @Override
    public CreateTableResponse createTable(CreateTableRequest r) {
        return tables.createTable(r);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest r) {
        return tables.describeTable(r);
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest r) {
        return tables.updateTable(r);
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest r) {
        return tables.deleteTable(r);
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest r) {
        return tables.listTables(r);
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest r) {
        return tables.tagResource(r);
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        return tables.untagResource(r);
    }

    @Override
    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest r) {
        return tables.listTagsOfResource(r);
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest r) {
        return tables.updateTimeToLive(r);
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest r) {
        return tables.describeTimeToLive(r);
    }

    /** The default quotas of an account (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
    @Override
    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest r) {
        return DescribeLimitsResponse.builder().accountMaxReadCapacityUnits(80000L).accountMaxWriteCapacityUnits(80000L)
                .tableMaxReadCapacityUnits(40000L).tableMaxWriteCapacityUnits(40000L).build();
    }

    @Override
    public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest r) {
        String region = RequestContext.current().region();
        return DescribeEndpointsResponse.builder().endpoints(List.of(Endpoint.builder()
                .address("dynamodb." + region + ".amazonaws.com").cachePeriodInMinutes(1440L).build())).build();
    }

    // ---- items ----

    @Override
    public PutItemResponse putItem(PutItemRequest r) {
        return items.putItem(r);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest r) {
        return items.getItem(r);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest r) {
        return items.updateItem(r);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest r) {
        return items.deleteItem(r);
    }

    // ---- reads of many items ----

    @Override
    public QueryResponse query(QueryRequest r) {
        return queries.query(r);
    }

    @Override
    public ScanResponse scan(ScanRequest r) {
        return queries.scan(r);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest r) {
        return batches.batchGetItem(r);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest r) {
        return batches.batchWriteItem(r);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest r) {
        return transactions.transactWriteItems(r);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest r) {
        return transactions.transactGetItems(r);
    }

    @Override
    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest r) {
        return partiql.executeStatement(r);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // state is dropped with the handler
    }
}
