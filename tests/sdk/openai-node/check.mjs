// Conformance of `./tempact serve` with the official OpenAI Node SDK (the version pinned in package-lock.json).
// Starts nothing: give it a running server's base URL.
//   npm ci && node check.mjs http://127.0.0.1:8000/v1
// Prints "ok - <check>" per check; exits 1 at the first failure, 2 on a bad command line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const baseURL = process.argv[2];
if (!baseURL) {
  console.error('usage: node check.mjs http://HOST:PORT/v1');
  process.exit(2);
}
const client = new OpenAI({ baseURL, apiKey: 'none', maxRetries: 0, timeout: 60_000 });
const ORACLE = 'tempact-oracle';

// A plan-judge request (text only): the oracle scores a one-step plan that covers the instruction exactly.
const PLAN_JUDGE = [
  'Judge: plan',
  'Instruction: A red circle rests on the left. It slides to the right.',
  'Chunks: 4',
  'Plan: [{"step_index": 0, "prompt": "red circle moves right", "chunks": [0, 4]}]',
].join('\n');
// A planner request, worded as TempAct's endpoint planner words it.
const PLAN_REQUEST = 'Instruction: A red circle rests on the left. It slides to the right.\nThe video has 4 chunks. Write one step per event of the instruction.';
// 35 bytes of GIF declaring a 20000×20000 canvas: a decompression bomb.
const GIF_BOMB = Buffer.from('R0lGODlhIE4gTgAAACwAAAAAAQABAIAAAAD///8CAkQBADs=', 'base64');

const judge = (extra = {}) =>
  client.chat.completions.create({ model: ORACLE, messages: [{ role: 'user', content: PLAN_JUDGE }], ...extra });

/** Runs fn and asserts it throws the SDK's error class with this status, code and param. */
async function rejects(fn, ErrorClass, status, code, param = null) {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof ErrorClass, `expected ${ErrorClass.name}, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    assert.equal(e.param, param);
    assert.equal(e.type, 'invalid_request_error');
    assert.ok(e.error?.message, 'the error carries a message');
    return e;
  }
  assert.fail(`expected ${ErrorClass.name} (${status} ${code})`);
}

const checks = {
  'models.list lists the oracle': async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.ok(ids.includes(ORACLE), `models: ${ids}`);
  },
  'models.retrieve gives a known model': async () => {
    const model = await client.models.retrieve(ORACLE);
    assert.equal(model.id, ORACLE);
    assert.equal(model.object, 'model');
    assert.equal(typeof model.created, 'number');
  },
  'models.retrieve of an unknown id is NotFoundError model_not_found': () =>
    rejects(() => client.models.retrieve('no-such-model'), OpenAI.NotFoundError, 404, 'model_not_found'),
  'a judge chat completion gives the oracle scores': async () => {
    const completion = await judge();
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices.length, 1);
    const scores = JSON.parse(completion.choices[0].message.content);
    assert.deepEqual([scores.faithfulness, scores.coverage, scores.temporal_order, scores.hallucination], [1, 1, 1, 0]);
  },
  'n: 2 gives two choices (the deterministic oracle repeats its answer)': async () => {
    const completion = await judge({ n: 2 });
    assert.deepEqual(completion.choices.map((c) => c.index), [0, 1]);
    assert.equal(completion.choices[0].message.content, completion.choices[1].message.content);
  },
  'n: 0 is BadRequestError on param n': () =>
    rejects(() => judge({ n: 0 }), OpenAI.BadRequestError, 400, 'integer_below_min_value', 'n'),
  'n above the limit is BadRequestError on param n': () =>
    rejects(() => judge({ n: 1000 }), OpenAI.BadRequestError, 400, 'integer_above_max_value', 'n'),
  'an unknown model in chat is NotFoundError model_not_found': () =>
    rejects(() => client.chat.completions.create({ model: 'gpt-9', messages: [{ role: 'user', content: PLAN_JUDGE }] }),
      OpenAI.NotFoundError, 404, 'model_not_found'),
  'a decompression bomb is BadRequestError image_too_large': () =>
    rejects(() => client.chat.completions.create({
      model: ORACLE,
      messages: [{ role: 'user', content: [
        { type: 'text', text: 'Judge: step_clip' },
        { type: 'image_url', image_url: { url: `data:image/gif;base64,${GIF_BOMB.toString('base64')}` } },
      ] }],
    }), OpenAI.BadRequestError, 400, 'image_too_large', 'messages'),
};

// The planner, when the server has it: n: 2 are two sampled plans.
const served = [];
try {
  for await (const model of client.models.list()) served.push(model.id);
} catch (e) {
  console.log(`not ok - the server at ${baseURL} answers: ${e?.message ?? e}`);
  process.exit(1);
}
if (served.includes('planner')) {
  checks['n: 2 from the planner gives two sampled plans'] = async () => {
    const completion = await client.chat.completions.create({ model: 'planner', n: 2, seed: 3, messages: [{ role: 'user', content: PLAN_REQUEST }] });
    assert.equal(completion.choices.length, 2);
    for (const choice of completion.choices) assert.ok(Array.isArray(JSON.parse(choice.message.content)), choice.message.content);
  };
}

let passed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    console.log(`ok - ${name}`);
    passed++;
  } catch (e) {
    console.log(`not ok - ${name}: ${e?.message ?? e}`);
    process.exit(1);
  }
}
const sdk = JSON.parse(readFileSync(new URL('./node_modules/openai/package.json', import.meta.url), 'utf8')).version;
console.log(`${passed} passed, 0 failed (openai ${sdk}, node ${process.version})`);
