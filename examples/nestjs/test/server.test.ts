import { describeServerEntry } from '../../support/test/contracts/server-contract.js'

describeServerEntry('NestJS', 'nestjs')
