/**
 * The Lua scripts that are the only writers of a run in Redis. Each is one round trip and atomic, so a
 * state change is applied exactly once even across reconnects: a commit checks the run's `seq` and
 * writes nothing if another process moved the run first (the caller re-reads and tries again).
 */

/** A Lua helper both run scripts use: calls \`command key head.. ARGV[from..to]\` in chunks (unpack has a stack limit). */
const CHUNKED = `local function chunked(command, key, head, from, to)
  local batch = {}
  for _, value in ipairs(head) do batch[#batch + 1] = value end
  for i = from, to do
    batch[#batch + 1] = ARGV[i]
    if #batch >= 1000 then
      redis.call(command, key, unpack(batch))
      batch = {}
    end
  end
  if #batch > 0 then redis.call(command, key, unpack(batch)) end
end`;

/** A Lua helper: the value of a field among the field/value pairs ARGV[from..to], or nil. */
const FIELD_OF = `local function field_of(name, from, to)
  for i = from, to - 1, 2 do
    if ARGV[i] == name then return ARGV[i + 1] end
  end
  return nil
end`;

/** Creates a run, at most once per idempotency key. */
export const CREATE_RUN = `--[[
  Creates a run: writes its hash, its first trace events, indexes it for listing, and claims its
  idempotency key, all or nothing. Also prunes up to 20 listing entries of runs that have expired.

  KEYS[1] run hash          KEYS[2] trace list        KEYS[3] runs index
  KEYS[4] workflow index    KEYS[5] running set       KEYS[6] order counter
  KEYS[7] expiry index      KEYS[8] idempotency key (the run hash again when there is none)
  KEYS[9] listing lines (the hash fields st and q, as 'st\\nq', by creation order)

  ARGV[1] run id            ARGV[2] idempotency value ('runId\\nfingerprint'; '' when no key)
  ARGV[3] events channel    ARGV[4] published payload (JSON array of the events)
  ARGV[5] retention ms      ARGV[6] '1' when the run ended in its first transition
  ARGV[7] now (epoch ms)    ARGV[8] expiry member ('workflow\\nrunId')
  ARGV[9] workflow index prefix (to prune entries of other workflows)
  ARGV[10] n, the number of events; ARGV[11 .. 10+n] the events; then field/value pairs of the hash

  Returns {1} when created; {0, existing idempotency value} when the key already names a run; {2} when
  the run exists already (this create was re-sent after a reconnect and had been applied).
]]
if redis.call('EXISTS', KEYS[1]) == 1 then return {2} end
if ARGV[2] ~= '' then
  local existing = redis.call('GET', KEYS[8])
  if existing then return {0, existing} end
  redis.call('SET', KEYS[8], ARGV[2])
end
${CHUNKED}
${FIELD_OF}
local n = tonumber(ARGV[10])
chunked('HSET', KEYS[1], {}, 11 + n, #ARGV)
chunked('RPUSH', KEYS[2], {}, 11, 10 + n)
local order = redis.call('INCR', KEYS[6])
redis.call('ZADD', KEYS[3], order, ARGV[1])
redis.call('ZADD', KEYS[4], order, ARGV[1])
local st = field_of('st', 11 + n, #ARGV)
local q = field_of('q', 11 + n, #ARGV)
if st and q then redis.call('ZADD', KEYS[9], order, st .. '\\n' .. q) end
local ttl = tonumber(ARGV[5])
if ARGV[6] == '1' then
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  if KEYS[8] ~= KEYS[1] then redis.call('PEXPIRE', KEYS[8], ttl) end
  redis.call('ZADD', KEYS[7], tonumber(ARGV[7]) + ttl, ARGV[8])
else
  redis.call('SADD', KEYS[5], ARGV[1])
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[7], '-inf', ARGV[7], 'LIMIT', 0, 20)
for _, member in ipairs(expired) do
  local cut = string.find(member, '\\n', 1, true)
  local id = string.sub(member, cut + 1)
  local listed = redis.call('ZSCORE', KEYS[3], id)
  if listed then redis.call('ZREMRANGEBYSCORE', KEYS[9], listed, listed) end
  redis.call('ZREM', KEYS[3], id)
  redis.call('ZREM', ARGV[9] .. string.sub(member, 1, cut - 1), id)
  redis.call('ZREM', KEYS[7], member)
end
if ARGV[4] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
return {1}
`;

/** Applies one transition to a run if its `seq` is still the one the transition was computed from. */
export const COMMIT_RUN = `--[[
  Compare-and-set commit of one coordinator transition: if the run's seq is ARGV[1], writes the changed
  fields and the new seq, appends the trace events and publishes them; when the run has finished, sets
  every key of the run to expire with the retention and takes it out of the running set.

  KEYS[1] run hash          KEYS[2] trace list        KEYS[3] running set
  KEYS[4] expiry index      KEYS[5] idempotency key (the run hash again when there is none)
  KEYS[6] listing lines: when the written field st differs from the stored one, the run's line is
          replaced (same score) so a filtered listing sees the new status

  ARGV[1] expected seq      ARGV[2] new seq           ARGV[3] '1' when the run has finished
  ARGV[4] retention ms      ARGV[5] events channel    ARGV[6] published payload ('' for none)
  ARGV[7] now (epoch ms)    ARGV[8] run id            ARGV[9] expiry member ('workflow\\nrunId')
  ARGV[10] n, the number of events; ARGV[11 .. 10+n] the events; then field/value pairs of the hash
  ARGV[#ARGV] this commit's token: the hash keeps the last 16 tokens of a running run in \`commits\`, so
  a commit that ioredis re-sends after a reconnect is recognised as already applied

  Returns {1, seq} when committed; {2, seq} when this very commit was applied before (re-sent);
  {0, seq, fields} on a conflict (the run is at seq; fields is its hash, so the caller recomputes without
  reading it again); {-1, 0} when the run does not exist (never created, or expired, or lost with Redis's
  data).
]]
local token = ARGV[#ARGV]
local head = redis.call('HMGET', KEYS[1], 'seq', 'commits', 'st')
local current = head[1]
if not current then return {-1, 0} end
local commits = head[2] or ''
if current ~= ARGV[1] then
  if string.find(' ' .. commits .. ' ', ' ' .. token .. ' ', 1, true) then return {2, tonumber(current)} end
  return {0, tonumber(current), redis.call('HGETALL', KEYS[1])}
end
${CHUNKED}
${FIELD_OF}
local n = tonumber(ARGV[10])
local written = {'seq', ARGV[2]}
if ARGV[3] ~= '1' then
  local kept = {}
  for t in string.gmatch(commits, '%S+') do kept[#kept + 1] = t end
  kept[#kept + 1] = token
  written = {'seq', ARGV[2], 'commits', table.concat(kept, ' ', math.max(1, #kept - 15), #kept)}
end
chunked('HSET', KEYS[1], written, 11 + n, #ARGV - 1)
chunked('RPUSH', KEYS[2], {}, 11, 10 + n)
local st = field_of('st', 11 + n, #ARGV - 1)
-- The listing line (with its long search text) is read only when the status changed, not on every commit.
local q = st and head[3] and st ~= head[3] and redis.call('HGET', KEYS[1], 'q')
if q then
  local line = head[3] .. '\\n' .. q
  local score = redis.call('ZSCORE', KEYS[6], line)
  if score then
    redis.call('ZREM', KEYS[6], line)
    redis.call('ZADD', KEYS[6], score, st .. '\\n' .. q)
  end
end
if ARGV[3] == '1' then
  redis.call('HDEL', KEYS[1], 'commits')
  local ttl = tonumber(ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  if KEYS[5] ~= KEYS[1] then redis.call('PEXPIRE', KEYS[5], ttl) end
  redis.call('SREM', KEYS[3], ARGV[8])
  redis.call('ZADD', KEYS[4], tonumber(ARGV[7]) + ttl, ARGV[9])
end
if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[5], ARGV[6]) end
return {1, tonumber(ARGV[2])}
`;

/** Hands a running Bull job back to its queue's wait list at once (a draining worker's last act). */
export const HAND_BACK_JOB = `--[[
  Moves a job this worker holds from Bull's active list to the head of its wait list and drops the lock,
  so another worker takes it at once instead of waiting for the lock to expire. Bull's own completion of
  the job by this worker then fails on the missing lock and changes nothing.

  KEYS[1] active list   KEYS[2] wait list   KEYS[3] the job's lock key   KEYS[4] the job's hash
  ARGV[1] job id        ARGV[2] this worker's lock token

  Returns 1 when handed back; 0 when this worker no longer holds the job.
]]
if redis.call('GET', KEYS[3]) ~= ARGV[2] then return 0 end
if redis.call('EXISTS', KEYS[4]) == 0 then return 0 end
redis.call('DEL', KEYS[3])
redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
`;

/** Replaces a finished run's fields and trace by one compressed field (see `run-archive.ts`). */
export const ARCHIVE_RUN = `--[[
  Archives a finished run: if its seq is still ARGV[1], deletes every field of its hash but seq, meta and
  the listing fields q and st, and its trace list, and stores ARGV[2] (the run's fields and trace, compressed) in the field archive.
  The hash keeps its expiry.

  KEYS[1] run hash          KEYS[2] trace list
  ARGV[1] the seq the archive was made at       ARGV[2] the archive

  Returns 1 when archived; 0 when the run moved on, is gone, or is archived already.
]]
local head = redis.call('HMGET', KEYS[1], 'seq', 'archive')
if head[1] ~= ARGV[1] or head[2] then return 0 end
local drop = {}
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if field ~= 'seq' and field ~= 'meta' and field ~= 'q' and field ~= 'st' then drop[#drop + 1] = field end
end
for i = 1, #drop, 1000 do redis.call('HDEL', KEYS[1], unpack(drop, i, math.min(i + 999, #drop))) end
redis.call('HSET', KEYS[1], 'archive', ARGV[2])
redis.call('DEL', KEYS[2])
return 1
`;

/** Counts the runs whose listing line matches filters, and collects a page of them, in chunks. */
export const LIST_RUNS = `--[[
  Scans the listing lines newest first (read-only): counts the runs matching the filters and collects
  the page. A line is 'st\\nstartedAt\\nworkflow\\nrunId\\nsummary\\nsearch text' (see run-codec.ts), so a
  run is filtered without reading its hash. It scans at most ARGV[3] lines per call, so Redis is never
  blocked long; the caller calls again from the returned score until the lines are exhausted. Lines of
  runs that expired and are not pruned yet are counted (as ZCARD counts them), never put on the page.

  KEYS[1] listing lines (sorted set by creation order)

  ARGV[1] run hash key prefix ('<prefix>:run:')
  ARGV[2] scan from this score down ('+inf' at first, then the returned '(score')
  ARGV[3] how many lines to scan at most
  ARGV[4] the page holds only runs with an order below this
  ARGV[5] how many page entries to collect still
  ARGV[6] status ('' for any; 'running' matches running and waiting runs)
  ARGV[7] lowercase search text ('' for none)
  ARGV[8] from, epoch ms ('' for none)   ARGV[9] to, epoch ms ('' for none)
  ARGV[10] workflow ('' for any)

  Returns {count, next, order, meta, q, order, meta, q, ...}: count, how many scanned lines match; next,
  where to scan on from ('' when exhausted); then the page entries (order, the run's meta field, and its
  line without the status).
]]
local lines = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[2], '-inf', 'LIMIT', 0, tonumber(ARGV[3]))
local before = tonumber(ARGV[4])
local slots = tonumber(ARGV[5])
local status, search, workflow = ARGV[6], ARGV[7], ARGV[10]
local from, to = tonumber(ARGV[8]), tonumber(ARGV[9])
-- The first 'above' lines of this chunk are newer than the cursor: counted, never on the page.
local above = redis.call('ZCOUNT', KEYS[1], before, ARGV[2])
local count = 0
local reply = {0, ''}
for i = 1, #lines do
  local line = lines[i]
  local p1 = string.find(line, '\\n', 1, true)
  local st = string.sub(line, 1, p1 - 1)
  local ok = status == '' or st == status or (status == 'running' and st == 'waiting')
  local p2, p3, p4, p5
  if ok then
    p2 = string.find(line, '\\n', p1 + 1, true)
    if from or to then
      local started = tonumber(string.sub(line, p1 + 1, p2 - 1))
      if (from and started < from) or (to and started > to) then ok = false end
    end
  end
  if ok then
    p3 = string.find(line, '\\n', p2 + 1, true)
    if workflow ~= '' and string.sub(line, p2 + 1, p3 - 1) ~= workflow then ok = false end
  end
  if ok then
    p4 = string.find(line, '\\n', p3 + 1, true)
    if search ~= '' then
      p5 = string.find(line, '\\n', p4 + 1, true)
      if not string.find(line, search, p5 + 1, true) then ok = false end
    end
  end
  if ok then
    count = count + 1
    if slots > 0 and i > above then
      local meta = redis.call('HGET', ARGV[1] .. string.sub(line, p3 + 1, p4 - 1), 'meta')
      if meta then
        slots = slots - 1
        reply[#reply + 1] = redis.call('ZSCORE', KEYS[1], line)
        reply[#reply + 1] = meta
        reply[#reply + 1] = string.sub(line, p1 + 1)
      end
    end
  end
end
reply[1] = count
if #lines >= tonumber(ARGV[3]) then reply[2] = '(' .. redis.call('ZSCORE', KEYS[1], lines[#lines]) end
return reply
`;
