/**
 * Lua scripts of the Redis room registry. Each runs atomically in Redis.
 *
 * Layout (prefix `parley:`):
 *   room:<roomId>          hash  memberId -> "<nodeId>|<member JSON>"
 *   rooms                  set   ids of non-empty rooms
 *   node:<nodeId>          string, expires unless the node refreshes it (heartbeat)
 *   nodes                  set   nodes that have announced themselves
 *   node-members:<nodeId>  set   "<roomId> <memberId>" held by that node
 *   control:<roomId>       string, the room's control as JSON (see ../control.ts)
 */
import { LuaScript } from './lua';

/**
 * KEYS: room, own node-members, rooms. ARGV: memberId, value, capacity,
 * index entry, roomId, prefix. Returns the others as a flat HGETALL array, or
 * nil when the room already holds `capacity` others.
 */
export const JOIN = new LuaScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
local others = redis.call('HLEN', KEYS[1])
if old then others = others - 1 end
if others >= tonumber(ARGV[3]) then return false end
if old then
  local oldNode = string.match(old, '^([^|]*)|')
  redis.call('SREM', ARGV[6] .. 'node-members:' .. oldNode, ARGV[4])
  redis.call('HDEL', KEYS[1], ARGV[1])
end
local all = redis.call('HGETALL', KEYS[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('SADD', KEYS[3], ARGV[5])
return all
`);

/**
 * KEYS: room, rooms. ARGV: memberId, index entry, prefix, roomId.
 * Returns the removed value, or nil when the member was not there.
 */
export const LEAVE = new LuaScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return false end
redis.call('HDEL', KEYS[1], ARGV[1])
local node = string.match(old, '^([^|]*)|')
redis.call('SREM', ARGV[3] .. 'node-members:' .. node, ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[4]) end
return old
`);

/**
 * Replaces a member's value only if it is still there, and moves it to this
 * node's index (the node that writes about a member is the one holding it).
 * KEYS: room, own node-members. ARGV: memberId, value, index entry, prefix. Returns 1 or 0.
 */
export const UPDATE = new LuaScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
local oldNode = string.match(old, '^([^|]*)|')
redis.call('SREM', ARGV[4] .. 'node-members:' .. oldNode, ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return 1
`);

/**
 * Removes every member of a node whose heartbeat key is gone. Run by every
 * live node; being atomic, each removed member is reported to exactly one.
 * ARGV: prefix, nodeId. Returns the removed index entries "<roomId> <memberId>".
 */
export const SWEEP = new LuaScript(`
local prefix = ARGV[1]
local node = ARGV[2]
if redis.call('EXISTS', prefix .. 'node:' .. node) == 1 then return {} end
local index = prefix .. 'node-members:' .. node
local removed = {}
for _, entry in ipairs(redis.call('SMEMBERS', index)) do
  local space = string.find(entry, ' ', 1, true)
  local roomId = string.sub(entry, 1, space - 1)
  local memberId = string.sub(entry, space + 1)
  local key = prefix .. 'room:' .. roomId
  local value = redis.call('HGET', key, memberId)
  if value and string.sub(value, 1, #node + 1) == node .. '|' then
    redis.call('HDEL', key, memberId)
    if redis.call('EXISTS', key) == 0 then redis.call('SREM', prefix .. 'rooms', roomId) end
    table.insert(removed, entry)
  end
end
redis.call('DEL', index)
redis.call('SREM', prefix .. 'nodes', node)
return removed
`);

/**
 * Compare-and-set of a room's control: writes ARGV[2] (deletes with '') only if
 * the stored value is still ARGV[1] ('' for none). KEYS: control.
 * ARGV: expected, next, expiry ms (a safety net for rooms whose last node died). Returns 1 or 0.
 */
export const CONTROL_CAS = new LuaScript(`
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[2], 'PX', tonumber(ARGV[3]))
end
return 1
`);

/**
 * Deletes a room's control if the room has no members. KEYS: room, control.
 * Returns the deleted value, or nil.
 */
export const CONTROL_DROP = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local current = redis.call('GET', KEYS[2])
if not current then return false end
redis.call('DEL', KEYS[2])
return current
`);
