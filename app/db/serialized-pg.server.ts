// A transaction holds one PostgreSQL connection, and a connection runs one statement at a time.
// Prisma's query interpreter does not always respect that: a findMany with several relation
// `include`s loads the relations in parallel, which inside a transaction means several
// client.query() calls on the same pg client at once. pg queues them for now (and warns: pg@9 will
// refuse them). Each transaction's statements are therefore issued one after the other here, in
// the order Prisma asked for them. Outside transactions every query takes its own pooled client.
import { PrismaPg } from "@prisma/adapter-pg";
import type { IsolationLevel, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

function oneStatementAtATime(tx: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = tail.then(run);
    tail = result.catch(() => undefined);
    return result;
  };
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  tx.queryRaw = (query: SqlQuery) => inTurn(() => queryRaw(query));
  tx.executeRaw = (query: SqlQuery) => inTurn(() => executeRaw(query));
  return tx;
}

export class SerializedTransactionsPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel?: IsolationLevel) =>
      oneStatementAtATime(await startTransaction(isolationLevel));
    return adapter;
  }
}
