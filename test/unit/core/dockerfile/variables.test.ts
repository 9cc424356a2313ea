import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { variableReferences } from '../../../../src/core/dockerfile/variables';

describe('variableReferences', () => {
  it('finds $NAME and ${NAME…} with the range of the name, skipping escaped dollars', () => {
    const model = parseDockerfile('FROM ${REG:-docker.io}/$IMAGE:\\$TAG \\\n  AS $STAGE');
    const from = model.stages[0]!.from;
    const found = variableReferences(model, from).map((v) => `${v.name}@${v.nameRange.start.line}:${v.nameRange.start.character}`);
    assert.deepEqual(found, ['REG@0:7', 'IMAGE@0:24', 'STAGE@1:6']);
  });

  it('uses the file’s escape character', () => {
    const model = parseDockerfile('# escape=`\nFROM `$NOT/$YES');
    assert.deepEqual(variableReferences(model, model.stages[0]!.from).map((v) => v.name), ['YES']);
  });
});
