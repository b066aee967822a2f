import type pg from 'pg';

/**
 * Runs `work` in a transaction on one pooled connection: committed when it
 * resolves, rolled back when it throws (and the error thrown on). `long`
 * lifts the request-sized statement timeout, for the retention job, which may
 * delete a year's rows at once.
 */
export async function postgresTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  long = false,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool stops listening for a client's errors while it is lent out: a session the server ends
  // (a restart, pg_terminate_backend) would make this one's 'error' an uncaught exception. The
  // query in flight rejects anyway; the connection is dropped, not reused.
  const lost = (error: Error) => (broken = error);
  client.on('error', lost);
  try {
    await client.query(long ? "BEGIN; SET LOCAL statement_timeout = '10min'" : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped, not reused.
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
