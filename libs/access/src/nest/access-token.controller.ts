import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../principal';
import { AccessTokens } from '../tokens/access-tokens';
import { Allow, CurrentPrincipal } from './access.decorators';

class AccessTokenDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <token>", or as auth: { token } to socket.io' })
  token!: string;

  @ApiProperty({ description: 'When the token stops working; ask for a new one before then' })
  expiresAt!: string;

  @ApiProperty()
  principal!: { id: string; role: string; units: readonly string[] | 'all' };
}

/** Browsers trade a key (once, at installation) or a still-valid token for a short-lived token. */
@ApiTags('Access')
@Controller('api/v1/access')
export class AccessTokenController {
  constructor(private readonly tokens: AccessTokens) {}

  @Post('token')
  @HttpCode(200)
  @Allow('screen', 'viewer', 'admin')
  @ApiOperation({
    summary: 'A short-lived token for a browser (wall screen or viewer), from its key or a token still valid',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  async token(@CurrentPrincipal() principal: Principal): Promise<AccessTokenDto> {
    const { token, expiresAt } = await this.tokens.issue(principal);
    const { id, role, units } = principal;
    return { token, expiresAt: expiresAt.toISOString(), principal: { id, role, units } };
  }
}
